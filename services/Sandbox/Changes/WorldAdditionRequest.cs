namespace BillingOne.Sandbox.Changes;

/// <summary>
/// Accounts to add to the sandbox's world: RMM organizations with device counts, Pax8 companies and products, and
/// subscriptions that name a company and a product of the same request.
/// </summary>
public sealed record WorldAdditionRequest(
    IReadOnlyList<RmmOrganizationAddition?>? RmmOrganizations,
    IReadOnlyList<Pax8CompanyAddition?>? Pax8Companies,
    IReadOnlyList<Pax8ProductAddition?>? Pax8Products,
    IReadOnlyList<Pax8SubscriptionAddition?>? Pax8Subscriptions)
{
    public const int MaxItemsPerList = 100;
    public const int MaxDevicesPerKind = 1000;

    private static readonly string[] UnitsOfMeasurement = ["Device", "User"];
    private static readonly string[] BillingTerms = ["Monthly", "Annual"];
    private static readonly string[] Statuses = ["Active", "Cancelled"];

    /// <summary>Problems keyed by the field's path (<c>pax8Subscriptions[2].product</c>); empty when the request is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        Names(errors, "rmmOrganizations", RmmOrganizations, organization => organization.Name);
        foreach (var (organization, index) in Indexed(RmmOrganizations))
        {
            CountOf(errors, $"rmmOrganizations[{index}].workstations", organization.Workstations);
            CountOf(errors, $"rmmOrganizations[{index}].servers", organization.Servers);
            CountOf(errors, $"rmmOrganizations[{index}].retiredDevices", organization.RetiredDevices);
        }
        var companies = Names(errors, "pax8Companies", Pax8Companies, company => company.Name);
        var products = Names(errors, "pax8Products", Pax8Products, product => product.Name);
        foreach (var (product, index) in Indexed(Pax8Products))
        {
            OneOf(errors, $"pax8Products[{index}].unitOfMeasurement", product.UnitOfMeasurement, UnitsOfMeasurement);
            if (product.UnitPrice is not >= 0m)
            {
                errors[$"pax8Products[{index}].unitPrice"] = ["Required; 0 or more (a month's price of one unit)."];
            }
        }
        ListSize(errors, "pax8Subscriptions", Pax8Subscriptions);
        foreach (var (subscription, index) in Indexed(Pax8Subscriptions))
        {
            var path = $"pax8Subscriptions[{index}]";
            if (subscription.Company is null || !companies.Contains(subscription.Company))
            {
                errors[$"{path}.company"] = ["Required; the name of a company in pax8Companies."];
            }
            if (subscription.Product is null || !products.Contains(subscription.Product))
            {
                errors[$"{path}.product"] = ["Required; the name of a product in pax8Products."];
            }
            if (subscription.Quantity is not (>= 1 and <= MaxDevicesPerKind))
            {
                errors[$"{path}.quantity"] = [$"Required; between 1 and {MaxDevicesPerKind}."];
            }
            if (subscription.Price is not >= 0m)
            {
                errors[$"{path}.price"] = ["Required; 0 or more (per unit and billing term)."];
            }
            OneOf(errors, $"{path}.billingTerm", subscription.BillingTerm, BillingTerms);
            OneOf(errors, $"{path}.status", subscription.Status, Statuses);
        }
        return errors;
    }

    /// <summary>Checks each item's name (required, unique in its list) and answers the names.</summary>
    private static HashSet<string> Names<T>(Dictionary<string, string[]> errors, string list,
        IReadOnlyList<T?>? items, Func<T, string?> nameOf) where T : class
    {
        ListSize(errors, list, items);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, index) in Indexed(items))
        {
            var name = nameOf(item);
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            {
                errors[$"{list}[{index}].name"] = ["Required; at most 200 characters."];
            }
            else if (!names.Add(name))
            {
                errors[$"{list}[{index}].name"] = [$"'{name}' appears twice in {list}."];
            }
        }
        return names;
    }

    private static void ListSize<T>(Dictionary<string, string[]> errors, string list, IReadOnlyList<T?>? items)
        where T : class
    {
        if (items is { Count: > MaxItemsPerList })
        {
            errors[list] = [$"At most {MaxItemsPerList} items."];
        }
        for (var index = 0; index < (items?.Count ?? 0); index++)
        {
            if (items![index] is null)
            {
                errors[$"{list}[{index}]"] = ["An object, not null."];
            }
        }
    }

    private static IEnumerable<(T Item, int Index)> Indexed<T>(IReadOnlyList<T?>? items) where T : class =>
        (items ?? []).Select((item, index) => (item, index)).Where(pair => pair.item is not null)
            .Select(pair => (pair.item!, pair.index));

    private static void CountOf(Dictionary<string, string[]> errors, string path, int? count)
    {
        if (count is < 0 or > MaxDevicesPerKind)
        {
            errors[path] = [$"Between 0 and {MaxDevicesPerKind}; absent means 0."];
        }
    }

    private static void OneOf(Dictionary<string, string[]> errors, string path, string? value, string[] allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            errors[path] = [$"Required; one of {string.Join(", ", allowed)}."];
        }
    }
}

public sealed record RmmOrganizationAddition(string? Name, int? Workstations, int? Servers, int? RetiredDevices);

public sealed record Pax8CompanyAddition(string? Name);

/// <param name="UnitPrice">A month's price of one unit, in the sandbox's currency.</param>
public sealed record Pax8ProductAddition(string? Name, string? UnitOfMeasurement, decimal? UnitPrice);

/// <param name="Price">Per unit and per billing term, as Pax8 states it.</param>
public sealed record Pax8SubscriptionAddition(
    string? Company, string? Product, int? Quantity, decimal? Price, string? BillingTerm, string? Status);

/// <summary>The ids the vendors' APIs give what was added.</summary>
public sealed record WorldAdditionResult(
    IReadOnlyList<AddedRmmOrganization> RmmOrganizations,
    IReadOnlyList<AddedPax8Item> Pax8Companies,
    IReadOnlyList<AddedPax8Item> Pax8Products,
    IReadOnlyList<Guid> Pax8Subscriptions);

/// <param name="Devices">Its devices' ids, the retired ones last.</param>
public sealed record AddedRmmOrganization(int Id, string Name, IReadOnlyList<int> Devices);

public sealed record AddedPax8Item(Guid Id, string Name);
