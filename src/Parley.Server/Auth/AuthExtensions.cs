using Microsoft.AspNetCore.Authentication;

namespace Parley.Server.Auth;

public static class AuthExtensions
{
    public const string AdminOnly = "admin";

    public static IServiceCollection AddParleyAuth(this IServiceCollection services)
    {
        services.AddSingleton<AdminKey>();
        services.AddSingleton<ApiKeyUsage>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().Build())
            .AddPolicy(AdminOnly, policy => policy.RequireClaim(ParleyClaims.Role, ParleyClaims.AdminRole));
        return services;
    }
}
