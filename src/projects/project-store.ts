import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import type { ProjectOut } from './project-schemas.js';

/** The only place project rows are read and written. */

export const insertProject = (db: Db, row: NewRow<'projects'>) => db.insertInto('projects').values(row).execute();

export const findProject = (db: Db, id: string) => db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();

export const updateProjectRow = (db: Db, id: string, values: RowUpdate<'projects'>) =>
  db.updateTable('projects').set(values).where('id', '=', id).execute();

export const deleteProjectRow = (db: Db, id: string) => db.deleteFrom('projects').where('id', '=', id).execute();

export const presentProject = (row: Row<'projects'>): ProjectOut => ({ ...row });

export interface ProjectListQuery {
  customerId: string;
  status: Row<'projects'>['status'] | undefined;
  after: { createdAt: string; id: string } | null;
  limit: number;
}

/** A customer's projects, newest first. */
export async function listProjects(db: Db, query: ProjectListQuery): Promise<ProjectOut[]> {
  let select = db.selectFrom('projects').selectAll().where('customerId', '=', query.customerId);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.after) {
    const { createdAt, id } = query.after;
    select = select.where((eb) => eb.or([eb('createdAt', '<', createdAt), eb.and([eb('createdAt', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map(presentProject);
}
