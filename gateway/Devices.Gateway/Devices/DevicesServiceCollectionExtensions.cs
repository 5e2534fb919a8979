using Devices.Gateway.Downlink;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Reconciliation;
using Devices.Gateway.Relay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Registry;

public static class DevicesServiceCollectionExtensions
{
    /// <summary>
    /// The device side of the gateway: registry and status, the MQTT broker (embedded) or client (external),
    /// downlinks, reconciliation, and the device feedback (Notify) for the relay.
    /// </summary>
    public static IServiceCollection AddGatewayDevices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MqttOptions>().Bind(configuration.GetSection(MqttOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidation>();
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section))
            .Validate(o => o.RetryInitial > System.TimeSpan.Zero && o.RetryMax >= o.RetryInitial,
                "Reconciliation:RetryInitial must be above 0 and at most Reconciliation:RetryMax.")
            .ValidateOnStart();
        services.TryAddSingleton(System.TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton<IDeviceRegistry, DeviceRegistry>();
        services.AddSingleton<DeviceStatusStore>();
        services.AddSingleton<SelfTestStore>();
        services.AddSingleton<DeviceMetrics>();
        services.AddHostedService<DeviceStatusWriter>();

        services.TryAddSingleton<IContentSource, NoContentSource>();
        services.AddSingleton<Reconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<Reconciler>());

        services.AddSingleton<MqttMetrics>();
        services.AddSingleton<DeviceLogin>();
        services.AddSingleton<UplinkProcessor>();
        services.AddSingleton<EmbeddedMqttServer>();
        services.AddSingleton<ExternalMqttClient>();
        services.AddSingleton<EmbeddedBroker>();
        services.AddSingleton<ExternalBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddHostedService(sp => sp.GetRequiredService<ExternalBroker>());
        services.AddSingleton<EmbeddedDownlink>();
        services.AddSingleton<ExternalDownlink>();
        services.AddSingleton<IDownlink>(sp => sp.GetRequiredService<IOptions<MqttOptions>>().Value.Mode == MqttMode.External
            ? sp.GetRequiredService<ExternalDownlink>()
            : sp.GetRequiredService<EmbeddedDownlink>());
        services.AddSingleton<IDeviceFeedback, DeviceFeedbackNotifier>();
        services.AddSingleton<IDeviceNames, RegistryDeviceNames>();
        return services;
    }
}
