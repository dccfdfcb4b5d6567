using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Http.Idempotency;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// The people of the organization (the Team page), for owners and admins. Users are never deleted, only
/// disabled, so the audit log's references to them stay meaningful. Password hashes never leave the service.
/// </summary>
public static class UsersApi
{
    private const string BasePath = "/api/identity/users";
    private const string What = "User";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(BasePath).WithTags("Users").RequireAuthorization(Policies.Admin);

        users.MapList(ListUsers, "ListUsers", "List users",
            "A page of the organization's users ordered by name. `search` matches any part of the name or email, " +
            "ignoring case.", Policies.Admin);
        users.MapItem(GetUser, "GetUser", "Get a user", Policies.Admin);

        users.MapPost("/", CreateUser)
            .WithName("CreateUser")
            .WithSummary("Add a user")
            .WithPasswordInBody()
            .WithDescription("Adds an enabled user who signs in with `email` and the initial `password` (at least " +
                $"{PasswordRules.MinLength} characters). Only an owner may add an owner.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        users.MapPatch("/{id:guid}", UpdateUser)
            .WithName("UpdateUser")
            .WithSummary("Rename a user or change their role")
            .WithDescription("Sets the given members (`name`, `role`); absent members stay as they are. Only an owner " +
                "may grant or remove the owner role, and the last enabled owner cannot be demoted.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        users.MapPost("/{id:guid}/enable", EnableUser)
            .WithName("EnableUser")
            .WithSummary("Enable a user")
            .WithDescription("Lets the user sign in again. Enabling an owner needs an owner; enabling an enabled user changes nothing.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{id:guid}/disable", DisableUser)
            .WithName("DisableUser")
            .WithSummary("Disable a user")
            .WithDescription("Refuses the user's sign-ins and ends their sessions within a second. Disabling an owner " +
                "needs an owner, and the last enabled owner cannot be disabled.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{id:guid}/two-factor/reset", ResetTwoFactor)
            .WithName("ResetUserTwoFactor")
            .WithSummary("Reset a user's two-factor (they lost their authenticator)")
            .WithDescription("Removes the user's authenticator and ends all their sessions; the user is told in the " +
                "app and signs in with the password alone, or is sent to set up two-factor again when the " +
                "organization requires it. A signed-in admin's action: 403 for an API key, and for an admin resetting an " +
                "owner's. 404 for an unknown user; " +
                "409 when the user has no two-factor on, or is the caller (who uses Settings → Security instead).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ResetTwoFactor(
        Guid id, UserStore users, TwoFactorStore twoFactor, IActorContext actor, CancellationToken cancellationToken)
    {
        // A person answers for it on the audit log, and "not your own" needs a person: keys may not do it.
        if (actor.ActorType != ActorTypes.User)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only a signed-in admin can reset two-factor.",
                detail: "Resetting a person's two-factor is not for API keys: sign in as an owner or admin instead.");
        }
        if (id == actor.ActorId)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "You cannot reset your own two-factor.",
                detail: "Use your own settings: Settings → Security turns two-factor off with a code or your password.");
        }
        if (await users.FindAsync(actor.OrgId, id, cancellationToken) is not { } target)
        {
            return DirectoryProblems.NotFound(What, id);
        }
        if (target.IsOwner && actor.Role != Roles.Owner)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only an owner can do this.",
                detail: "Resetting an owner's two-factor needs an owner, as disabling an owner does.");
        }
        switch (await twoFactor.ResetAsync(actor.OrgId, id, cancellationToken))
        {
            case TwoFactorReset.UserNotFound:
                return DirectoryProblems.NotFound(What, id);
            case TwoFactorReset.NotOn:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Two-factor is not on.",
                    detail: "This user has no authenticator to reset.");
        }
        return await users.FindAsync(actor.OrgId, id, cancellationToken) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : DirectoryProblems.NotFound(What, id);
    }

    public static async Task<Results<Ok<PagedResult<UserResponse>>, ValidationProblem>> ListUsers(
        [AsParameters] UserListParameters parameters, [AsParameters] PageParameters paging, UserStore store,
        IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = UserListQuery.Parse(parameters.Search, paging.Page, paging.PageSize, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await store.ListAsync(organization.OrgId, query, cancellationToken);
        return TypedResults.Ok(page.Select(UserResponse.From));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(
        Guid id, UserStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var user = await store.FindAsync(organization.OrgId, id, cancellationToken);
        return user is null ? DirectoryProblems.NotFound(What, id) : TypedResults.Ok(UserResponse.From(user));
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, UserStore store, IActorContext actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var newUser = NewUser.Create(request.Email, request.Name, request.Role, request.Password, errors);
        if (newUser is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The user is not valid.");
        }
        var result = await store.CreateAsync(actor.OrgId, newUser, actor.Role == Roles.Owner, cancellationToken);
        if (result.Value is null)
        {
            return DirectoryProblems.For(result.Status, What, Guid.Empty);
        }
        // A relative location stays right behind the gateway, which forwards paths unchanged.
        return TypedResults.Created($"{BasePath}/{result.Value.Id}", UserResponse.From(result.Value));
    }

    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> UpdateUser(
        Guid id, UpdateUserRequest request, UserStore store, IActorContext actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var changes = UserChanges.ForEdit(request.Name, request.Role, errors);
        if (changes is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The change is not valid.");
        }
        var result = await store.UpdateAsync(actor.OrgId, id, changes, actor.Role == Roles.Owner, cancellationToken);
        return result.Value is null
            ? DirectoryProblems.For(result.Status, What, id)
            : TypedResults.Ok(UserResponse.From(result.Value));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> EnableUser(
        Guid id, UserStore store, IActorContext actor, CancellationToken cancellationToken) =>
        ToResponse(id, await store.UpdateAsync(actor.OrgId, id, UserChanges.Enable, actor.Role == Roles.Owner,
            cancellationToken));

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> DisableUser(
        Guid id, UserStore store, IActorContext actor, CancellationToken cancellationToken) =>
        ToResponse(id, await store.UpdateAsync(actor.OrgId, id, UserChanges.Disable, actor.Role == Roles.Owner,
            cancellationToken));

    private static Results<Ok<UserResponse>, ProblemHttpResult> ToResponse(Guid id, DirectoryWriteResult<User> result) =>
        result.Value is null ? DirectoryProblems.For(result.Status, What, id) : TypedResults.Ok(UserResponse.From(result.Value));
}
