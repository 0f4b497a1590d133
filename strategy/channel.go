package strategy

import "github.com/carekernel/carekernel"

// Channel is a way customers reach service (PCF 6.1.3).
type Channel string

// The channels.
const (
	ChannelPhone          Channel = "phone"
	ChannelEmail          Channel = "email"
	ChannelChat           Channel = "chat"
	ChannelWebForm        Channel = "web_form"
	ChannelSelfService    Channel = "self_service"
	ChannelPointOfSale    Channel = "point_of_sale"
	ChannelWarrantyCentre Channel = "warranty_centre"
	ChannelFieldService   Channel = "field_service"
)

// Channels lists every channel.
func Channels() []Channel {
	return []Channel{ChannelPhone, ChannelEmail, ChannelChat, ChannelWebForm, ChannelSelfService,
		ChannelPointOfSale, ChannelWarrantyCentre, ChannelFieldService}
}

// ParseChannel reads a channel name; an unknown one is ErrInvalid.
func ParseChannel(s string) (Channel, error) {
	for _, c := range Channels() {
		if string(c) == s {
			return c, nil
		}
	}
	return "", carekernel.Invalid("strategy.ParseChannel", "channel", "strategy.err.channel", s)
}

// Label renders the channel's name.
func (c Channel) Label() carekernel.Localizable {
	return carekernel.Msg("strategy.channel." + string(c))
}
