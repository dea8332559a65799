namespace Parley.Server.Privacy;

public static class PrivacyExtensions
{
    /// <summary>Retention: each workspace's old conversations are deleted in the background (see <see cref="RetentionWorker"/>).</summary>
    public static IServiceCollection AddParleyPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
