namespace BillingOne.Sandbox.Domain;

/// <summary>An office of a client; RMMs call it a location.</summary>
public sealed record DemoSite(int Id, int ClientId, string Name);
