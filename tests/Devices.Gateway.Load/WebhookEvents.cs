using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading.Tasks;
using Devices.Gateway.Webhooks;

namespace Devices.Gateway.Load;

/// <summary>
/// The load run's webhook receiver reads bodies the way a lean backend would: one pass over the JSON with
/// <see cref="Utf8JsonReader"/>, no object per event. Both shapes ("scan" and "scan.batch") are understood.
/// </summary>
public static class WebhookEvents
{
    /// <summary>Counts the events in a body and reports each one's (deviceId, seq) to <paramref name="each"/>.</summary>
    public static int Walk(ReadOnlySequence<byte> body, Action<string, long>? each)
    {
        var reader = new Utf8JsonReader(body);
        int count = 0;
        string? device = null;
        long seq = -1;
        int eventDepth = -1;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    // The top object is one event (single) or the batch; objects in "events" are events.
                    if (reader.CurrentDepth == 0 || reader.CurrentDepth == 2) { eventDepth = reader.CurrentDepth; device = null; seq = -1; }
                    break;
                case JsonTokenType.EndObject:
                    if (reader.CurrentDepth == eventDepth && device != null)
                    {
                        count++;
                        each?.Invoke(device, seq);
                        device = null;
                    }
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == eventDepth + 1:
                    if (reader.ValueTextEquals("deviceId")) { reader.Read(); device = reader.GetString(); }
                    else if (reader.ValueTextEquals("seq")) { reader.Read(); seq = reader.GetInt64(); }
                    break;
            }
        }
        return count;
    }

    /// <summary>The whole request body.</summary>
    public static async Task<ReadOnlySequence<byte>> ReadAllAsync(this PipeReader reader, long? length)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted || (length is { } n && result.Buffer.Length >= n))
            {
                // Copied out so the pipe can be advanced before parsing; bodies are small.
                var copy = new ReadOnlySequence<byte>(result.Buffer.ToArray());
                reader.AdvanceTo(result.Buffer.End);
                return copy;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Self-check against the gateway's own serializer, run once at start (a wrong count would misreport).</summary>
    public static void Check()
    {
        var e = new ScanWebhookEvent("scan", "t-1", 7, "x", "utf8", DateTimeOffset.UnixEpoch, false, DateTimeOffset.UnixEpoch, "Table 1");
        var f = e with { DeviceId = "t-2", Seq = 9 };
        string seen = "";
        int single = Walk(new ReadOnlySequence<byte>(ScanWebhookJson.Single(e)), (d, s) => seen += d + "#" + s + " ");
        int batch = Walk(new ReadOnlySequence<byte>(ScanWebhookJson.Batch(new[] { e, f })), (d, s) => seen += d + "#" + s + " ");
        if (single != 1 || batch != 2 || seen != "t-1#7 t-1#7 t-2#9 ")
            throw new InvalidOperationException($"The receiver's JSON walk is wrong: single {single}, batch {batch}, seen \"{seen}\".");
    }
}
