#pragma once
#include <string_view>

#include "http/message.hpp"

namespace samverkan::http {

// Gzips a text or JSON body of 1 kB or more when the client accepts gzip (the area map shrinks from
// about 520 kB to about 150 kB). Leaves file responses and already-encoded bodies alone.
void CompressIfWorthIt(Response& response, std::string_view accept_encoding);

}  // namespace samverkan::http
