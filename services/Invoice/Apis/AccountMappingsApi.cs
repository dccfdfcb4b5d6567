using System.ComponentModel;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Invoice.Apis;

public sealed record AccountMappingResponse(string BillingType, string AccountCode, DateTimeOffset UpdatedAt, string? TaxType)
{
    public static AccountMappingResponse From(AccountMapping mapping) =>
        new(mapping.BillingType, mapping.AccountCode, mapping.UpdatedAt, mapping.TaxType);
}

public sealed record AccountMappingListResponse(IReadOnlyList<AccountMappingResponse> Items);

public sealed record SaveAccountMappingRequest(
    [property: Description("The Xero account code (chart of accounts) to invoice the billing type to: 1–10 letters or digits, e.g. 200.")]
    string? AccountCode,
    [property: Description("Xero's tax type for the lines (TaxType, e.g. OUTPUT): upper-case letters and digits, at most 30. " +
        "Empty or absent: Xero applies the account's default tax rate.")]
    string? TaxType = null);

/// <summary>
/// Which Xero account each billing type is invoiced to. Organization-wide configuration: client-scoped callers get 403.
/// </summary>
public static class AccountMappingsApi
{
    private const string BasePath = "/api/invoice/account-mappings";

    private const string BillingTypeDescription = "A billing type is a metering unit type key (e.g. `workstation`, " +
        "`m365-user`): kebab-case, at most 64 characters.";

    public static IEndpointRouteBuilder MapAccountMappingsApi(this IEndpointRouteBuilder app)
    {
        var mappings = app.MapGroup(BasePath).WithTags("Account mappings").OrganizationWideOnly();

        mappings.MapGet("/", List)
            .RequireAuthorization(Policies.Read)
            .WithName("ListAccountMappings")
            .WithSummary("List the account code of each billing type")
            .WithDescription(BillingTypeDescription);

        mappings.MapPut("/{billingType}", Save)
            .RequireAuthorization(Policies.Billing)
            .WithName("SaveAccountMapping")
            .WithSummary("Set a billing type's account code and tax type")
            .WithDescription($"{BillingTypeDescription} The account code is 1–10 letters or digits; the tax type, optional, " +
                "is a Xero TaxType code. Audited.")
            .ProducesValidationProblem()
            .ProducesJsonBodyProblems();

        mappings.MapDelete("/{billingType}", Delete)
            .RequireAuthorization(Policies.Billing)
            .WithName("DeleteAccountMapping")
            .WithSummary("Remove a billing type's account code")
            .WithDescription($"{BillingTypeDescription} 404 when it has none. Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<AccountMappingListResponse>> List(AccountMappingStore store, IActorContext caller,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new AccountMappingListResponse([.. (await store.ListAsync(caller.OrgId, cancellationToken))
            .Select(AccountMappingResponse.From)]));

    public static async Task<Results<Ok<AccountMappingResponse>, ValidationProblem>> Save(string billingType,
        SaveAccountMappingRequest request, AccountMappingStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (AccountMappingInput.BillingTypeError(billingType) is { } typeError)
        {
            errors["billingType"] = [typeError];
        }
        if (AccountMappingInput.AccountCodeError(request.AccountCode) is { } codeError)
        {
            errors["accountCode"] = [codeError];
        }
        if (AccountMappingInput.TaxTypeError(request.TaxType) is { } taxTypeError)
        {
            errors["taxType"] = [taxTypeError];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The account mapping is not valid.");
        }
        return TypedResults.Ok(AccountMappingResponse.From(
            await store.SaveAsync(caller.OrgId, billingType, request.AccountCode!.Trim(),
                string.IsNullOrWhiteSpace(request.TaxType) ? null : request.TaxType.Trim(), cancellationToken)));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(string billingType,
        AccountMappingStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        if (AccountMappingInput.BillingTypeError(billingType) is { } typeError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["billingType"] = [typeError] },
                title: "The account mapping is not valid.");
        }
        return await store.DeleteAsync(caller.OrgId, billingType, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account mapping not found.",
                detail: $"Billing type '{billingType}' has no account code.");
    }
}
