// Each test class starts a whole system (a dozen processes) on two cores and the classes share the service
// databases on the test server: one system at a time, in the order SystemOrder gives.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("BillingOne.EndToEnd.Tests.SystemOrder", "BillingOne.EndToEnd.Tests")]
