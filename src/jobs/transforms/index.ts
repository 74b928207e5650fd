// Every transform the job engine offers, by SeaTunnel plugin name.

import type { TransformFactory } from '../plugin.js';
import { sqlTransformFactory } from './sql/sql-transform.js';

export const transformFactories: TransformFactory[] = [sqlTransformFactory];
