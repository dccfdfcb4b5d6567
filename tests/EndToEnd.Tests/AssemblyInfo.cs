// Each test class starts a whole system (a dozen processes) on two cores and the classes share the service
// databases on the test server: one system at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
