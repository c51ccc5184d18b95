export { default } from './environment.js';
export { test, type KumoFixtures } from './test.js';
