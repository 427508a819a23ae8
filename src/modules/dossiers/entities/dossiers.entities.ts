import { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';
import {
  DossierApologyEntity,
  DossierDocumentEntity,
  DossierEventEntity,
  DossierFileEntity,
  DossierHandoverEntity,
  DossierStepEntity,
  DossierSupplementRequestEntity,
} from 'src/modules/dossiers/entities/dossier-parts.entity';

export const DOSSIER_ENTITIES: Function[] = [
  DossierEntity,
  DossierFileEntity,
  DossierDocumentEntity,
  DossierStepEntity,
  DossierHandoverEntity,
  DossierSupplementRequestEntity,
  DossierApologyEntity,
  DossierEventEntity,
];
