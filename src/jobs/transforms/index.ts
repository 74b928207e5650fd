// Every transform the job engine offers, by SeaTunnel plugin name.

import type { TransformFactory } from '../plugin.js';
import { copyFactory } from './copy.js';
import { fieldMapperFactory } from './field-mapper.js';
import { filterRowKindFactory } from './filter-row-kind.js';
import { filterFactory } from './filter.js';
import { replaceFactory } from './replace.js';
import { splitFactory } from './split.js';
import { sqlTransformFactory } from './sql/sql-transform.js';

export const transformFactories: TransformFactory[] = [
  sqlTransformFactory,
  fieldMapperFactory,
  filterFactory,
  filterRowKindFactory,
  replaceFactory,
  copyFactory,
  splitFactory,
];
