export { main as runCli } from './cli.js';
