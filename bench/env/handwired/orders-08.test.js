import { ordersSuite } from './scenario.js';

ordersSuite(8);
