namespace BillingOne.AppHost.Resources;

/// <summary>The resources of this run in the order they were added (servers first), for the dashboard.</summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<IResource> _resources = [];

    public void Add(IResource resource)
    {
        lock (_gate)
        {
            if (_resources.Any(existing => existing.Name == resource.Name))
            {
                throw new InvalidOperationException($"A resource named '{resource.Name}' is already registered.");
            }
            _resources.Add(resource);
        }
    }

    public IReadOnlyList<IResource> All()
    {
        lock (_gate)
        {
            return [.. _resources];
        }
    }

    public IResource? Find(string name)
    {
        lock (_gate)
        {
            return _resources.FirstOrDefault(resource => string.Equals(resource.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }
}
