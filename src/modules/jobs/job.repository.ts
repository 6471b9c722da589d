/** The SQL of background jobs. Every query names the tenant but the heartbeat updates, which name the job. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { JobTable } from './job.table.js';

export type JobRow = Selectable<JobTable>;

export class JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(db: Kysely<Database>, row: Insertable<JobTable>): Promise<void> {
    await db.insertInto('jobs').values(row).execute();
  }

  find(tenantId: string, id: string): Promise<JobRow | undefined> {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Changes a job that is still unfinished; false when it has finished meanwhile. */
  async updateUnfinished(id: string, values: Updateable<JobTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set(values)
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
