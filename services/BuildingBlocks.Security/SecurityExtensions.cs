using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// Every request must carry the gateway's internal token (validated here again: no trust in headers);
    /// roles map to <see cref="Policies"/>. 401/403 answers are empty and become problem+json through the
    /// status-code pages of ServiceDefaults.
    /// </summary>
    public static IHostApplicationBuilder AddInternalAuthentication(this IHostApplicationBuilder builder)
    {
        var signingKey = InternalTokens.SigningKey(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = InternalTokens.ValidationParameters(signingKey);
            });
        builder.Services.AddAuthorizationBuilder().AddBillingOnePolicies();
        return builder;
    }
}
