import { Module } from '@nestjs/common';
import {
  FeedbackController,
  PublishedFeedbackController,
  ReceptionController,
} from 'src/modules/feedback/feedback.controller';
import { FeedbackService } from 'src/modules/feedback/feedback.service';
import { ReceptionService } from 'src/modules/feedback/reception.service';

/** Citizen feedback and petitions (phản ánh, kiến nghị) and the citizen reception log (tiếp công dân). */
@Module({
  controllers: [FeedbackController, PublishedFeedbackController, ReceptionController],
  providers: [FeedbackService, ReceptionService],
  exports: [FeedbackService],
})
export class FeedbackModule {}
