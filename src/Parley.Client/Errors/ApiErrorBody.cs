namespace Parley.Client;

/// <summary>
/// The JSON body of an HTTP error response. Every field is optional so that a partial body still yields what it has.
/// </summary>
internal sealed record ApiErrorBody(string? Error = null, string? Message = null, string? Field = null);
