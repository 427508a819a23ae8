import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';

/** DataSource for the TypeORM CLI (`migration:generate`); reads DATABASE_URL. */
export default new DataSource(
  buildDataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' }),
);
