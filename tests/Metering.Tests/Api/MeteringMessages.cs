using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;

namespace BillingOne.Metering.Tests.Api;

/// <summary>Messages as the other services send them to metering.</summary>
public static class MeteringMessages
{
    public static readonly Guid DemoOrg = OrganizationContextExtensions.DemoOrganizationId;

    public static readonly DateTimeOffset Received = new(2025, 3, 20, 9, 0, 0, TimeSpan.Zero);

    public static AcceptedReading Reading(string source, string externalId, DateTimeOffset observedAt,
        decimal quantity = 1m, string unitTypeKey = "backup-gb", string? description = null, string? id = null) =>
        new(id ?? $"r-{Guid.NewGuid():N}", source, externalId, unitTypeKey, quantity, observedAt, description);

    public static UsageReadingsAccepted Batch(IReadOnlyList<AcceptedReading> readings, Guid? clientScope = null,
        DateTimeOffset? receivedAt = null, Guid? orgId = null) =>
        new(orgId ?? DemoOrg, Guid.NewGuid(), clientScope, Guid.NewGuid(), receivedAt ?? Received, readings);

    public static ClientUpserted Client(Guid clientId, string name, string timeZone = "UTC", long version = 1,
        Guid? orgId = null) =>
        new(orgId ?? DemoOrg, clientId, name, true, timeZone, version, Received, Received);

    /// <summary>Identity's announcement of an organization's settings (its defaults but for the grace days).</summary>
    public static OrganizationChanged Organization(Guid orgId, int billingGraceDays, long version) =>
        new(orgId, "Demo MSP", "UTC", "AUD", billingGraceDays, version, Received);
}
