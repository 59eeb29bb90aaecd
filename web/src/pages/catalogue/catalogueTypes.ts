export { frequencyLabels, kindLabels, lawLabels, unitLabels } from '../../../../src/modules/catalogue/product.schema.js';
