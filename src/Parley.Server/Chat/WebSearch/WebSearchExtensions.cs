using Microsoft.Extensions.Options;

namespace Parley.Server.Chat.WebSearch;

public static class WebSearchExtensions
{
    public static IServiceCollection AddParleyWebSearch(this IServiceCollection services)
    {
        services.AddOptions<WebSearchOptions>().BindConfiguration(WebSearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(SearxngWebSearch.HttpClientName);
        services.AddSingleton<IWebSearch>(provider =>
            provider.GetRequiredService<IOptions<WebSearchOptions>>().Value.Provider == "searxng"
                ? ActivatorUtilities.CreateInstance<SearxngWebSearch>(provider)
                : new NoWebSearch());
        services.AddSingleton<WebSearchFallback>();
        return services;
    }
}
