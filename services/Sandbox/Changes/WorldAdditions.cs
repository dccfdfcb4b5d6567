using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Changes;

/// <summary>
/// Vendor accounts a test or a demo added to the generated world, with numbers it chose (a hand-computed dataset).
/// Change steps evolve only the generated world, so these stay exactly as added. Their RMM ids start far above the
/// generated ones (which grow one by one), so the two never meet and lists stay ordered by id.
/// </summary>
public sealed record WorldAdditions(
    IReadOnlyList<DemoClient> RmmClients,
    IReadOnlyList<DemoSite> Sites,
    IReadOnlyList<DemoDevice> Devices,
    IReadOnlyList<Pax8Company> Companies,
    IReadOnlyList<Pax8Product> Products,
    IReadOnlyList<Pax8Subscription> Subscriptions)
{
    public const int FirstClientId = 1_000_000;
    public const int FirstDeviceId = 100_000_000;
    public const string VendorName = "Sandbox additions";

    public static readonly WorldAdditions None = new([], [], [], [], [], []);

    /// <summary>The generated world with these accounts after its own.</summary>
    public WorldSnapshot AddTo(WorldSnapshot generated) => new(
        generated.Step,
        generated.Rmm with
        {
            Clients = [.. generated.Rmm.Clients, .. RmmClients],
            Sites = [.. generated.Rmm.Sites, .. Sites],
            Devices = [.. generated.Rmm.Devices, .. Devices],
        },
        generated.Pax8 with
        {
            Companies = [.. generated.Pax8.Companies, .. Companies],
            Products = [.. generated.Pax8.Products, .. Products],
            Subscriptions = [.. generated.Pax8.Subscriptions, .. Subscriptions],
        });

    /// <summary>
    /// These additions and those of a valid <paramref name="request"/>, dated <paramref name="at"/> (the world's time):
    /// subscriptions started a month before it, cancelled ones ended the day before it.
    /// </summary>
    public (WorldAdditions Next, WorldAdditionResult Added) With(WorldAdditionRequest request, DateTimeOffset at)
    {
        var clients = new List<DemoClient>();
        var sites = new List<DemoSite>();
        var devices = new List<DemoDevice>();
        var organizations = new List<AddedRmmOrganization>();
        foreach (var organization in request.RmmOrganizations ?? [])
        {
            var clientId = FirstClientId + RmmClients.Count + clients.Count;
            var name = organization!.Name!;
            var client = new DemoClient(clientId, name, "Etc/UTC", $"client{clientId}.example",
                organization.Workstations ?? 0, organization.Servers ?? 0);
            clients.Add(client);
            sites.Add(new DemoSite(clientId, clientId, "Main office"));
            var added = new List<int>();
            void AddDevice(DeviceKind kind, DateTimeOffset? retiredAt)
            {
                var id = FirstDeviceId + Devices.Count + devices.Count;
                var systemName = $"ADD-{id}";
                devices.Add(new DemoDevice(id, clientId, clientId, kind, systemName, systemName,
                    $"{systemName.ToLowerInvariant()}.{client.DomainName}", at.AddDays(-30), at, Online: true,
                    Approved: true, retiredAt));
                added.Add(id);
            }
            for (var index = 0; index < client.Workstations; index++)
            {
                AddDevice(DeviceKind.WindowsWorkstation, null);
            }
            for (var index = 0; index < client.Servers; index++)
            {
                AddDevice(DeviceKind.WindowsServer, null);
            }
            for (var index = 0; index < (organization.RetiredDevices ?? 0); index++)
            {
                AddDevice(DeviceKind.WindowsWorkstation, at.AddDays(-1));
            }
            organizations.Add(new AddedRmmOrganization(clientId, name, added));
        }

        var companies = (request.Pax8Companies ?? []).Select(company => new Pax8Company(Guid.NewGuid(), company!.Name!,
            null, null, "Active", BillOnBehalfOfEnabled: false, at)).ToList();
        var products = (request.Pax8Products ?? []).Select((product, index) => new Pax8Product(Guid.NewGuid(),
            product!.Name!, VendorName, $"ADD-{Products.Count + index + 1}", RequiresCommitment: false,
            product.UnitOfMeasurement!, product.UnitPrice!.Value, Pax8Catalogue.Currency)).ToList();
        var subscriptions = (request.Pax8Subscriptions ?? []).Select(subscription =>
        {
            var cancelled = subscription!.Status == "Cancelled";
            return new Pax8Subscription(Guid.NewGuid(),
                companies.Single(company => company.Name == subscription.Company).Id,
                products.Single(product => product.Name == subscription.Product).Id,
                subscription.Quantity!.Value, subscription.Price!.Value, Pax8Catalogue.Currency,
                subscription.BillingTerm!, subscription.Status!, at.AddMonths(-1), at.AddMonths(-1),
                cancelled ? at.AddDays(-1) : null, cancelled ? at.AddDays(-1) : at.AddMonths(-1));
        }).ToList();

        var next = new WorldAdditions([.. RmmClients, .. clients], [.. Sites, .. sites], [.. Devices, .. devices],
            [.. Companies, .. companies], [.. Products, .. products], [.. Subscriptions, .. subscriptions]);
        return (next, new WorldAdditionResult(organizations,
            [.. companies.Select(company => new AddedPax8Item(company.Id, company.Name))],
            [.. products.Select(product => new AddedPax8Item(product.Id, product.Name))],
            [.. subscriptions.Select(subscription => subscription.Id)]));
    }
}
