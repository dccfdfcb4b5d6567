namespace BillingOne.AppHost;

/// <summary>
/// The API client every vendor of the sandbox accepts (services/Sandbox/appsettings.json): the connectors' default
/// credentials in the local run. Not a secret: the sandbox holds only generated demo data.
/// </summary>
public static class SandboxCredentials
{
    public const string ClientId = "billingone-sandbox";
    public const string ClientSecret = "sandbox-only-secret";
}
