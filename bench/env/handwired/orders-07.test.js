import { ordersSuite } from './scenario.js';

ordersSuite(7);
