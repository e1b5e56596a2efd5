import BoxAuth
import NIOCore
import NIOHTTPTypes
import HTTPTypes

/// Sets the `Date` header of every response to the emulator's clock.
///
/// Hummingbird stamps responses with the system clock; an emulator whose clock is offset must
/// show its own time, as Box's servers do, so that a client can measure the skew from the header.
/// It sits in the channel pipeline after the HTTP codec and sees each response head on its way out.
final class ServerDateHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let clock: EmulatorClock

    /// A handler stamping heads with `clock`'s time.
    init(clock: EmulatorClock) {
        self.clock = clock
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        head.headerFields[.date] = HTTPDate.format(clock.now)
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
