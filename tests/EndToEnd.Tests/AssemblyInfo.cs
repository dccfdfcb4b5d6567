// Each system is whole and of its own (a dozen processes, its own PostgreSQL, RabbitMQ, data directory and ports), and
// each collection uses one: the shared system's, and the faulted one's (with the replicas system, one after the other).
// The two collections run side by side, so the suite takes about the time of the shared system's tests rather than
// that of every system's tests in a row, and no more than two systems work on the machine's cores at once.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
