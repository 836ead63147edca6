// Integration tests run in-process against real services; none should need long.
jest.setTimeout(60000);
