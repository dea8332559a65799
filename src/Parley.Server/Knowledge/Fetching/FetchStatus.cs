namespace Parley.Server.Knowledge.Fetching;

public enum FetchStatus
{
    /// <summary>A 2xx response; the body is read.</summary>
    Ok,

    /// <summary>A 304 to a conditional request: what the caller has is current.</summary>
    NotModified,

    /// <summary>Not an absolute http or https URL, or a redirect to one.</summary>
    InvalidUrl,

    /// <summary>The host is, or resolves to, an address the policy refuses (private, loopback, link-local…).</summary>
    RefusedAddress,

    TooManyRedirects,

    /// <summary>The body is longer than <see cref="FetchOptions.MaxResponseBytes"/>.</summary>
    TooLarge,

    TimedOut,

    /// <summary>A 4xx or 5xx, or a 3xx without a usable Location.</summary>
    HttpError,

    /// <summary>DNS has no address for the host: a typo, or a domain that does not exist (yet).</summary>
    HostNotFound,

    /// <summary>No connection: refused (nothing listens on the port), or no route to the host.</summary>
    Unreachable,

    /// <summary>A TLS failure or a broken response, after the connection was made.</summary>
    NetworkError,
}
