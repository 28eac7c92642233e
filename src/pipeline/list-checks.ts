// The check catalogue as the apps show it (`coastguard checks`, the server's API).
export { listChecks } from '../checks/index.js';
