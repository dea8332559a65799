using System.Globalization;
using System.Text.Json;
using Parley.Server.Hosting;

namespace Parley.Server.Api;

/// <summary>
/// Typed, validating access to the fields of a JSON object. The first problem found is kept in
/// <see cref="Error"/> as a 400 naming the field (nested fields as <c>rate_limit.max_messages</c>);
/// once there is an error the caller stops and returns it.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _object;
    private readonly string _prefix;
    private readonly JsonFields? _root;
    private ApiError? _error;

    public JsonFields(JsonElement jsonObject)
        : this(jsonObject, "", null)
    {
    }

    private JsonFields(JsonElement jsonObject, string prefix, JsonFields? root)
    {
        _object = jsonObject;
        _prefix = prefix;
        _root = root;
    }

    public ApiError? Error => _root is null ? _error : _root.Error;

    public bool Has(string name) => _object.TryGetProperty(name, out _);

    public bool IsNull(string name) => _object.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null;

    public void Fail(string name, string message)
    {
        if (_root is not null)
            _root.Fail(_prefix + name, message);
        else
            _error ??= ApiError.Invalid(name, message);
    }

    public string? String(string name, int maxLength, bool required = false, bool allowEmpty = false)
    {
        if (!Present(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            return Wrong<string>(name, "a string");

        if (!TryText(value, out var text))
        {
            Fail(name, UnicodeMessage(name));
            return null;
        }

        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            Fail(name, $"'{_prefix}{name}' must not be empty.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(name, $"'{_prefix}{name}' must be at most {maxLength} characters long.");
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Fail(name, NulMessage(name));
            return null;
        }

        return text;
    }

    public bool? Bool(string name, bool required = false)
    {
        if (!Present(name, required, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => WrongValue<bool>(name, "true or false"),
        };
    }

    public int? Int(string name, int min, int max, bool required = false)
    {
        if (!Present(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            return WrongValue<int>(name, "a whole number");
        if (number < min || number > max)
        {
            Fail(name, $"'{_prefix}{name}' must be between {min} and {max}.");
            return null;
        }

        return number;
    }

    public decimal? Decimal(string name, decimal min, decimal max, bool required = false)
    {
        if (!Present(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
            return WrongValue<decimal>(name, "a number");
        if (number < min || number > max)
        {
            Fail(name, $"'{_prefix}{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return number;
    }

    public DateTimeOffset? Timestamp(string name, bool required = false)
    {
        if (!Present(name, required, out var value))
            return null;
        // TryGetDateTimeOffset admits only ISO 8601, so "1/2/2030" cannot be read as either of its two dates;
        // the parse then treats a timestamp without an offset as UTC, not as the server's local time.
        if (value.ValueKind != JsonValueKind.String || !value.TryGetDateTimeOffset(out _) ||
            !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
            return WrongValue<DateTimeOffset>(name, "an ISO 8601 timestamp such as 2026-12-31T23:59:59Z");
        // Stored to the millisecond; keeping finer digits would make this request's answer differ from later reads.
        return MillisecondTimeProvider.Truncate(timestamp.ToUniversalTime());
    }

    public IReadOnlyList<string>? StringList(string name, int maxItems, int maxLength)
    {
        if (!Present(name, false, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            return Wrong<IReadOnlyList<string>>(name, "an array of strings");
        if (value.GetArrayLength() > maxItems)
        {
            Fail(name, $"'{_prefix}{name}' may hold at most {maxItems} entries.");
            return null;
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !TryText(item, out _))
            {
                Fail(name, UnicodeMessage(name));
                return null;
            }

            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()) || item.GetString()!.Length > maxLength)
                return Wrong<IReadOnlyList<string>>(name, $"an array of non-empty strings of at most {maxLength} characters");
            if (item.GetString()!.Contains('\0', StringComparison.Ordinal))
            {
                Fail(name, NulMessage(name));
                return null;
            }

            items.Add(item.GetString()!.Trim());
        }

        return items;
    }

    /// <summary>A nested object, or null when absent or JSON null; its errors are reported with this object's.</summary>
    public JsonFields? Object(string name)
    {
        if (!Present(name, false, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            return Wrong<JsonFields>(name, "an object");
        return new JsonFields(value, $"{_prefix}{name}.", _root ?? this);
    }

    /// <summary>Refuses an explicit <c>null</c> for fields that have no "unset" state.</summary>
    public void RejectNull(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (IsNull(name))
            {
                Fail(name, $"'{_prefix}{name}' cannot be null.");
                return;
            }
        }
    }

    /// <summary>
    /// Refuses a field that responses show but a request cannot set, saying what to send instead: it is known, so
    /// "not a known field" would mislead, and ignoring it would let <c>"api_key_set": false</c> look as if it removed a key.
    /// </summary>
    public void RejectReadOnly(string name, string instead)
    {
        if (Has(name))
            Fail(name, $"'{_prefix}{name}' is read-only. {instead}");
    }

    /// <summary>Refuses fields this object does not define, so a misspelt setting is not silently ignored.</summary>
    public void RejectUnknown(params ReadOnlySpan<string> known)
    {
        foreach (var property in _object.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                Fail(property.Name, $"'{_prefix}{property.Name}' is not a known field.");
                return;
            }
        }
    }

    /// <summary>A JSON string's text, or false when it escapes half of a surrogate pair, which no text can hold.</summary>
    private static bool TryText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private string UnicodeMessage(string name) => $"'{_prefix}{name}' must be valid Unicode: it escapes half of a surrogate pair.";

    // No one's text means U+0000, and PostgreSQL cannot store it: refusing it here keeps every backend storing the same text.
    private string NulMessage(string name) => $"'{_prefix}{name}' must not contain the NUL character (U+0000).";

    private bool Present(string name, bool required, out JsonElement value)
    {
        if (_object.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        if (required)
            Fail(name, $"'{_prefix}{name}' is required.");
        return false;
    }

    private T? Wrong<T>(string name, string expected)
        where T : class
    {
        Fail(name, $"'{_prefix}{name}' must be {expected}.");
        return null;
    }

    private T? WrongValue<T>(string name, string expected)
        where T : struct
    {
        Fail(name, $"'{_prefix}{name}' must be {expected}.");
        return null;
    }
}
