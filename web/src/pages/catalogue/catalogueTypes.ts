export { frequencyLabels, kindLabels, lawLabels, unitLabels } from '../../../../src/modules/catalogue/product.schema.js';
import type { Product, ProductSummary } from '../../../../src/modules/catalogue/product.schema.js';
export type { Product, ProductSummary };
