import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { toProblem } from 'src/common/errors/problem';
import { CredentialsService } from 'src/modules/organisation/auth/credentials.service';
import { QUEUE_NAMES } from 'src/queue/queue.constants';
import { QueueService } from 'src/queue/queue.service';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The bull-board dashboard of every queue at /admin/queues (outside /api/v1), for staff with the ADMIN role: a
 * bearer token is checked on every request (UI, assets and its API) before bull-board sees it.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  private readonly logger = new Logger('QueueDashboard');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly queues: QueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.register !== 'function') return;
    if (this.queues.connection.status !== 'ready') {
      this.logger.warn('Redis is not connected at start: the queue dashboard is not mounted');
      return;
    }
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: QUEUE_NAMES.map((name) => new BullMQAdapter(this.queues.queue(name))),
      // @bull-board/fastify 9.10.1 declares its IServerAdapter from its own copy of @bull-board/api.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'An Sinh — hàng đợi' } },
    });
    await fastify.register(
      async (scope: FastifyInstance) => {
        scope.addHook('onRequest', (request, reply) => this.guard(request, reply));
        await scope.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }

  private async guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      const header = request.headers.authorization;
      if (!header?.startsWith('Bearer ')) throw new DomainException('UNAUTHENTICATED');
      const credentials = this.moduleRef.get(CredentialsService, { strict: false });
      const actor: Actor = await credentials.fromBearer(header.slice('Bearer '.length).trim());
      if (!actor.roles.includes('ADMIN')) throw new DomainException('FORBIDDEN', 'The queue dashboard is for ADMIN');
    } catch (error) {
      const { problem } = toProblem(error, String(request.id));
      await reply
        .status(problem.status)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(problem);
    }
  }
}
