namespace Parley.Server.Api;

public static class ApiErrorMetadata
{
    /// <summary>Documents the <see cref="ApiError"/> body for the given statuses in the OpenAPI document.</summary>
    public static TBuilder ProducesApiErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiError), ["application/json"]));
        return builder;
    }
}
