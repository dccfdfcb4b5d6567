namespace BillingOne.Identity.Apis;

public static class DirectoryApi
{
    /// <summary>The organization directory: settings, users, API keys, a session's client scope, the signed-in user's own account, and the gateway's authentication calls.</summary>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app) => app
        .MapOrganizationApi()
        .MapUsersApi()
        .MapApiKeysApi()
        .MapSessionClientScopeApi()
        .MapMeApi()
        .MapInternalAuthApi();
}
