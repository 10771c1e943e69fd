/** make cluster-test: the tests of the shop on the local Kubernetes node (not part of make test). */
const root = require('../../jest.config');

module.exports = {
  ...root,
  rootDir: '../..',
  roots: ['<rootDir>/e2e/cluster'],
  testMatch: ['**/*.cluster.ts'],
  testTimeout: 600000,
};
