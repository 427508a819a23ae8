import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from 'src/common/auth/auth.decorators';

/** A staff member of an agency. Roles apply within the agency's administrative-unit subtree. */
@Entity('staff_users')
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) username!: string;
  @Column({ type: 'text' }) displayName!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) externalSubject!: string | null;
  @Column({ type: 'uuid' }) agencyId!: string;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) roles!: Role[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}
