// Every test here reads the AppHost's resource model or settings; none starts a resource.
[assembly: AssemblyTrait("Category", "Unit")]
