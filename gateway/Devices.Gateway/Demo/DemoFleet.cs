using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Content;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Registry;
using Devices.Gateway.Storage;
using Devices.Simulator;
using Devices.Simulator.Fleet;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Demo;

/// <summary>
/// --demo: provisions a few table tents and a few dozen shelf labels, gives each some content, and runs them with
/// the simulator (the real Core device apps) against the embedded broker once the gateway has started. Then it
/// prints where to look.
/// </summary>
public sealed class DemoFleet(
    IOptions<DemoOptions> options,
    IOptions<MqttOptions> mqtt,
    IOptions<StorageOptions> storage,
    IDeviceRegistry registry,
    ContentStore contentStore,
    ContentService contentService,
    IContentDevices contentDevices,
    IServer server,
    IHostApplicationLifetime lifetime,
    DemoApiKey apiKey,
    ILogger<DemoFleet> logger) : IHostedService
{
    private Simulation? _simulation;

    public Simulation? Simulation => _simulation;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled) return Task.CompletedTask;
        if (mqtt.Value.Mode != MqttMode.Embedded) throw new GatewayStartupException("--demo runs its fleet on the embedded broker; remove Mqtt:Mode=External.");
        var fleet = new List<FleetDevice>();
        for (int i = 1; i <= o.Tents; i++) fleet.Add(Prepare($"demo-tent-{i}", DeviceKind.TableTent, i));
        for (int i = 1; i <= o.Labels; i++) fleet.Add(Prepare($"demo-label-{i:D2}", DeviceKind.ShelfLabel, i));
        lifetime.ApplicationStarted.Register(() => Run(fleet, o));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _simulation?.Stop();
        return Task.CompletedTask;
    }

    private FleetDevice Prepare(string id, DeviceKind kind, int n)
    {
        var request = new ProvisionRequest
        {
            Id = id,
            Kind = DeviceKindNames.Name(kind),
            Panel = kind == DeviceKind.TableTent ? "4.2" : "2.9",
            Name = kind == DeviceKind.TableTent ? $"Table {n}" : $"Shelf {1 + (n - 1) / 8}, place {1 + (n - 1) % 8}",
            Sku = kind == DeviceKind.ShelfLabel ? $"SKU-{1000 + n}" : null,
        };
        var result = registry.Provision(request);
        if (result.Status == ProvisionStatus.Invalid) throw new InvalidOperationException(result.Error);
        var record = registry.Find(id)!;
        if (contentStore.Get(id) == null) SetContent(id, kind, n);
        return new FleetDevice(registry.FindIdentity(id)!, kind, record.Panel);
    }

    private void SetContent(string id, DeviceKind kind, int n)
    {
        var device = contentDevices.Find(id) ?? throw new InvalidOperationException($"{id} is not known to the content store.");
        byte[] payload;
        ContentKind contentKind;
        if (kind == DeviceKind.TableTent)
        {
            contentKind = ContentKind.Tent;
            payload = TentContentCodec.Encode(new TentContent
            {
                TableName = $"Table {n}",
                Headline = "Scan to order and pay",
                LinkTemplate = "https://order.example.com/t?d={device}&c={token}",
                RotationSeconds = 60,
                DwellSeconds = 30,
                ShowFallbackCode = true,
            });
        }
        else
        {
            contentKind = ContentKind.Label;
            string[] names = ["Bio Äpfel Elstar", "Bananen Fairtrade", "Vollmilch 3,5 %", "Bergkäse am Stück", "Roggenbrot 750 g", "Espresso Bohnen", "Olivenöl extra", "Tomaten Rispe"];
            payload = LabelContentCodec.Encode(new LabelContent
            {
                Name = names[(n - 1) % names.Length],
                PriceMinor = 99 + 37 * n,
                PriceDecimals = 2,
                Currency = "€",
                CurrencyAfter = true,
                DecimalMark = ',',
                UnitPrice = "1 kg = 2,49 €",
                Promo = n % 5 == 0 ? "-20%" : "",
                CodeKind = LabelCodeKind.Ean13,
                CodeData = "4006381333931",
            });
        }
        var errors = new ValidationErrors();
        var prepared = contentService.FromPayload(device, contentKind, payload, errors)
            ?? throw new InvalidOperationException($"Demo content for {id} was refused: {string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value))}");
        contentStore.Set(device, prepared, null, "demo");
    }

    private void Run(IReadOnlyList<FleetDevice> fleet, DemoOptions o)
    {
        string folder = Path.GetFullPath(Path.Combine(storage.Value.DataFolder, "demo-fleet"));
        var m = mqtt.Value;
        try
        {
            _simulation = new Simulation(new SimulationOptions
            {
                Host = "127.0.0.1",
                Port = m.Port,
                Devices = fleet,
                OutputFolder = folder,
                WritePngs = true,
                ScanEveryMs = o.ScanEveryMs,
                TimeDivisor = 60, // a label's hour of sleep takes a minute
            });
            _simulation.Start();
        }
        catch (Exception e)
        {
            logger.LogError(e, "The demo fleet could not start.");
            return;
        }
        string http = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine($"""

            Devices gateway demo is running.
              Staff console  {http}/console/   (sign in as "{DemoApiKey.ConsoleAccountName}", password {apiKey.ConsolePassword}; or with the API key)
              API            {http}/api/devices   (header X-Api-Key: {apiKey.Key})
              OpenAPI        {http}/openapi/v1.json
              Demo backend   {http}/demo-backend/   (webhooks received from the relay)
              Health         {http}/health
              MQTT broker    {m.BindAddress}:{m.Port} (embedded; {fleet.Count(d => d.Kind == DeviceKind.TableTent)} table tents and {fleet.Count(d => d.Kind == DeviceKind.ShelfLabel)} shelf labels simulated)
              Device frames  {folder}/<device>/frames (PNG of what each e-paper shows)
              Data           {Path.GetFullPath(storage.Value.DataFolder)}
            Try:  curl -H "X-Api-Key: {apiKey.Key}" {http}/api/devices/demo-tent-1
            Stop with Ctrl+C.

            """);
    }
}
