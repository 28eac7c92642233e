// The check catalogue as the apps show it (`coastguard checks`, the server's API).
export { listAllChecks } from '../checks/index.js';
