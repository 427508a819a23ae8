import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiScope } from 'src/common/auth/auth.decorators';

/** A machine client's key. Only a SHA-256 of the secret is stored; `prefix` finds the row. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) prefix!: string;
  @Column({ type: 'text', select: false }) secretHash!: string;
  @Column({ type: 'text', array: true }) scopes!: ApiScope[];
  @Column({ type: 'uuid' }) agencyId!: string;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) rotatedFromId!: string | null;
  @Column({ type: 'text', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
