// End-to-end tests boot processes and wait for queues to drain.
jest.setTimeout(180000);
