using System;

namespace Devices.Firmware.Core.Codes
{
    /// <summary>Thrown by the allocating conveniences when the data does not fit a version-40 symbol.</summary>
    public class QrDataTooLongException : ArgumentException
    {
        public QrDataTooLongException(string message) : base(message)
        {
        }
    }
}
