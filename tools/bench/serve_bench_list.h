#pragma once

// Part 1 of the server benchmark: the review list under concurrent clients,
// against the same listing straight through the Store.

namespace travet::bench {

struct ListBenchOptions {
  int tasks = 500;        // pending tasks in the operator's queue
  int clients = 50;       // threads at once, each with its keep-alive connection
  int requests = 10'000;  // in all, shared evenly by the clients
  int max_inflight = 0;   // the server's --max-inflight; 0: its default
};

// Prints requests/s, p50, p99 of GET /api/v1/review/tasks and of
// Store::ListTasks, and their ratio. 0 when it ran, 1 when something failed.
int RunListBench(const ListBenchOptions& options);

}  // namespace travet::bench
