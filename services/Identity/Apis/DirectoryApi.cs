namespace BillingOne.Identity.Apis;

public static class DirectoryApi
{
    /// <summary>The organization directory: settings, users, API keys, and the gateway's authentication calls.</summary>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app) => app
        .MapOrganizationApi()
        .MapUsersApi()
        .MapApiKeysApi()
        .MapInternalAuthApi();
}
