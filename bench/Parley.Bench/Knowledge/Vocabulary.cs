namespace Parley.Bench.Knowledge;

/// <summary>
/// The words the synthetic documentation and the questions are made of. Lists are ordered roughly by how
/// common the word is in product docs, because <see cref="ZipfPicker"/> draws early entries far more often:
/// like real text, a few terms are in thousands of passages and most are in a handful.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Areas =
    [
        "Billing", "Webhooks", "Single sign-on", "Audit logs", "Team roles", "Data exports", "Search indexing", "Email delivery",
        "Mobile SDK", "REST API", "Rate limiting", "File storage", "Notifications", "Reporting", "Integrations", "Workflows",
        "Backups", "Custom domains", "Analytics", "Access tokens", "Invoices", "Subscriptions", "Localization", "Scheduling",
        "Caching", "Deployments", "Environments", "Feature flags", "Imports", "Dashboards", "Permissions", "Encryption",
        "Sandbox accounts", "Usage quotas", "Support tickets", "Knowledge base", "Chat widget", "Payment methods", "Refunds",
        "Tax settings",
    ];

    public static readonly string[] Aspects =
    [
        "overview", "setup guide", "configuration", "troubleshooting", "limits and quotas", "best practices", "reference",
        "migration guide", "security model", "frequently asked questions", "release notes", "administration",
        "monitoring", "performance tuning", "error codes", "getting started", "advanced options", "pricing", "compliance",
        "automation",
    ];

    public static readonly string[] Nouns =
    [
        "account", "workspace", "project", "user", "request", "token", "setting", "key", "report", "event",
        "invoice", "record", "file", "team", "role", "message", "webhook", "endpoint", "export", "domain",
        "payment", "plan", "subscription", "customer", "integration", "dashboard", "permission", "limit", "schedule", "template",
        "notification", "channel", "field", "filter", "query", "index", "document", "folder", "attachment", "comment",
        "password", "session", "device", "browser", "region", "server", "database", "backup", "snapshot", "log",
        "audit trail", "policy", "rule", "workflow", "trigger", "action", "step", "task", "job", "queue",
        "retry", "timeout", "header", "payload", "signature", "secret", "certificate", "redirect", "callback", "response",
        "status", "error", "warning", "quota", "usage", "credit", "balance", "refund", "discount", "coupon",
        "currency", "tax rate", "address", "contact", "organization", "member", "invitation", "group", "label", "tag",
        "version", "release", "environment", "deployment", "build", "branch", "pipeline", "artifact", "container", "cluster",
        "node", "volume", "bucket", "object", "stream", "batch", "cursor", "page", "column", "row",
        "table", "chart", "metric", "alert", "threshold", "incident", "ticket", "agent", "conversation", "reply",
        "language", "locale", "translation", "time zone", "calendar", "reminder", "deadline", "approval", "reviewer", "owner",
        "admin", "guest", "visitor", "lead", "campaign", "segment", "audience", "survey", "form", "submission",
        "widget", "theme", "logo", "color", "font", "layout", "component", "module", "plugin", "extension",
        "library", "client", "SDK", "CLI", "script", "command", "flag", "option", "parameter", "argument",
        "variable", "constant", "value", "range", "interval", "duration", "size", "count", "total", "summary",
        "preview", "draft", "archive", "history", "change", "diff", "conflict", "merge", "lock", "cache",
        "proxy", "gateway", "firewall", "network", "connection", "port", "host", "address book", "mailbox", "inbox",
        "sender", "recipient", "bounce", "unsubscribe", "consent", "cookie", "tracking pixel", "link", "QR code", "barcode",
        "shipment", "order", "cart", "checkout", "product", "catalog", "inventory", "warehouse", "supplier", "vendor",
        "contract", "agreement", "signature request", "license", "seat", "tier", "trial", "renewal", "cancellation", "downgrade",
        "upgrade", "migration", "import", "mapping", "schema", "format", "encoding", "delimiter", "spreadsheet", "CSV file",
        "JSON body", "XML feed", "API key", "OAuth client", "scope", "grant", "identity provider", "SAML assertion", "directory", "sync",
    ];

    /// <summary>Base form, third person, past participle.</summary>
    public static readonly (string Base, string Third, string Past)[] Verbs =
    [
        ("create", "creates", "created"), ("update", "updates", "updated"), ("delete", "deletes", "deleted"),
        ("configure", "configures", "configured"), ("enable", "enables", "enabled"), ("disable", "disables", "disabled"),
        ("send", "sends", "sent"), ("receive", "receives", "received"), ("export", "exports", "exported"),
        ("import", "imports", "imported"), ("connect", "connects", "connected"), ("sync", "syncs", "synced"),
        ("invite", "invites", "invited"), ("remove", "removes", "removed"), ("rename", "renames", "renamed"),
        ("reset", "resets", "reset"), ("rotate", "rotates", "rotated"), ("verify", "verifies", "verified"),
        ("approve", "approves", "approved"), ("reject", "rejects", "rejected"), ("schedule", "schedules", "scheduled"),
        ("cancel", "cancels", "cancelled"), ("retry", "retries", "retried"), ("restore", "restores", "restored"),
        ("archive", "archives", "archived"), ("share", "shares", "shared"), ("download", "downloads", "downloaded"),
        ("upload", "uploads", "uploaded"), ("filter", "filters", "filtered"), ("sort", "sorts", "sorted"),
        ("search", "searches", "searched"), ("merge", "merges", "merged"), ("split", "splits", "split"),
        ("assign", "assigns", "assigned"), ("transfer", "transfers", "transferred"), ("refund", "refunds", "refunded"),
        ("charge", "charges", "charged"), ("bill", "bills", "billed"), ("renew", "renews", "renewed"),
        ("upgrade", "upgrades", "upgraded"), ("downgrade", "downgrades", "downgraded"), ("migrate", "migrates", "migrated"),
        ("deploy", "deploys", "deployed"), ("roll back", "rolls back", "rolled back"), ("monitor", "monitors", "monitored"),
        ("log", "logs", "logged"), ("audit", "audits", "audited"), ("encrypt", "encrypts", "encrypted"),
        ("decrypt", "decrypts", "decrypted"), ("sign", "signs", "signed"), ("validate", "validates", "validated"),
        ("translate", "translates", "translated"), ("publish", "publishes", "published"), ("unpublish", "unpublishes", "unpublished"),
        ("pause", "pauses", "paused"), ("resume", "resumes", "resumed"), ("limit", "limits", "limited"),
        ("throttle", "throttles", "throttled"), ("cache", "caches", "cached"), ("index", "indexes", "indexed"),
        ("map", "maps", "mapped"), ("tag", "tags", "tagged"), ("label", "labels", "labelled"),
        ("notify", "notifies", "notified"), ("escalate", "escalates", "escalated"), ("resolve", "resolves", "resolved"),
        ("close", "closes", "closed"), ("reopen", "reopens", "reopened"), ("duplicate", "duplicates", "duplicated"),
        ("preview", "previews", "previewed"), ("embed", "embeds", "embedded"), ("customize", "customizes", "customized"),
        ("revoke", "revokes", "revoked"), ("expire", "expires", "expired"), ("extend", "extends", "extended"),
        ("generate", "generates", "generated"), ("calculate", "calculates", "calculated"), ("round", "rounds", "rounded"),
        ("convert", "converts", "converted"), ("compress", "compresses", "compressed"), ("retain", "retains", "retained"),
        ("purge", "purges", "purged"), ("lock", "locks", "locked"), ("unlock", "unlocks", "unlocked"),
    ];

    public static readonly string[] Adjectives =
    [
        "new", "default", "custom", "active", "existing", "primary", "secondary", "public", "private", "shared",
        "automatic", "manual", "daily", "weekly", "monthly", "annual", "current", "previous", "pending", "failed",
        "successful", "expired", "valid", "invalid", "optional", "required", "global", "local", "regional", "internal",
        "external", "temporary", "permanent", "encrypted", "signed", "verified", "unverified", "read-only", "editable", "hidden",
        "visible", "archived", "deleted", "suspended", "overdue", "partial", "full", "incremental", "scheduled", "recurring",
        "one-time", "bulk", "single", "nested", "parent", "child", "linked", "orphaned", "duplicate", "unique",
        "maximum", "minimum", "average", "hourly", "real-time", "delayed", "queued", "throttled", "cached", "stale",
        "fresh", "large", "small", "empty", "compressed", "raw", "formatted", "sandbox", "production", "staging",
    ];

    public static readonly string[] TimeUnits = ["seconds", "minutes", "hours", "days", "weeks"];
}
