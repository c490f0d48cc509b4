// The only translation unit that includes Beast and Asio. Structure after Beast's advanced server
// example: a listener, a session per connection on its own strand, per-message limits and deadlines.
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "common/random.hpp"
#include "http/problem.hpp"
#include "http/security_headers.hpp"
#include "http/server.hpp"

namespace samverkan::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class Session;

struct Shared {
    ServerOptions options;
    RequestHandler handler;
    Metrics& metrics;
    asio::thread_pool workers;
    std::atomic<bool> stopping{false};
    std::atomic<int> connections{0};
    std::atomic<int> uploads{0};  // bodies above max_body being received or handled now
    std::mutex mu;
    std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;

    Shared(const ServerOptions& o, RequestHandler h, Metrics& m)
        : options(o), handler(std::move(h)), metrics(m), workers(static_cast<std::size_t>(o.workers)) {}
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
        shared_.connections.fetch_add(1);
        shared_.metrics.ConnectionOpened();
        beast::error_code ec;
        auto ep = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ = ep.address().to_string();
    }
    ~Session() {
        ReleaseUpload();
        shared_.connections.fetch_sub(1);
        shared_.metrics.ConnectionClosed();
    }

    void Start() {
        asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
    }

    // Refuses the connection with a 503 because the server is at its connection limit.
    void Reject() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            self->Fail(Problem(503, "server.busy", "Too many open connections; try again shortly."));
        });
    }

    // Graceful shutdown: an idle connection closes now, a busy one after its response.
    void Shutdown() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_) self->Close();
        });
    }

private:
    void Read() {
        ReleaseUpload();
        if (shared_.stopping) return Close();
        busy_ = false;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header));
        // Beast compares a Content-Length with the body limit as soon as the head is read, so the
        // head is read under the larger upload limit and OnHeader narrows it for other routes.
        parser_->body_limit(std::max(shared_.options.max_body, shared_.options.max_upload_body));
        // The deadline covers the whole request, so a client that trickles bytes is dropped too.
        stream_.expires_after(std::chrono::seconds(shared_.options.read_timeout_seconds));
        // The head first: a file upload route may take a larger body than the default limit.
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
    }

    void OnHeader(beast::error_code ec, std::size_t bytes) {
        if (ec) return OnRead(ec, bytes);
        std::size_t limit = BodyLimitOf(parser_->get().target());
        auto length = parser_->content_length();
        if (length && *length > limit) return OnRead(bhttp::error::body_limit, bytes);
        // A body larger than the ordinary limit (or of unknown length) on an upload route takes one
        // of a few upload slots, so that many large bodies at once cannot exhaust memory; the
        // session is not known yet, as the body comes before the handler.
        if (limit > shared_.options.max_body && (!length || *length > shared_.options.max_body)) {
            if (shared_.uploads.fetch_add(1) >= shared_.options.max_concurrent_uploads) {
                shared_.uploads.fetch_sub(1);
                return Fail(Problem(503, "server.busy", "Other large uploads are in progress; try again shortly."));
            }
            holding_upload_ = true;
        }
        parser_->body_limit(limit);  // a chunked body is counted as it arrives
        bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
    }

    void ReleaseUpload() {
        if (holding_upload_) shared_.uploads.fetch_sub(1);
        holding_upload_ = false;
    }

    std::size_t BodyLimitOf(std::string_view target) const {
        target = target.substr(0, target.find('?'));
        for (const auto& path : shared_.options.upload_paths) {
            // "*/measures.csv" matches any target ending in "/measures.csv" (paths with ids in them).
            bool suffix = !path.empty() && path[0] == '*';
            std::string_view want = suffix ? std::string_view(path).substr(1) : std::string_view(path);
            if (suffix ? target.size() >= want.size() && target.substr(target.size() - want.size()) == want : target == want)
                return shared_.options.max_upload_body;
        }
        return shared_.options.max_body;
    }

    void OnRead(beast::error_code ec, std::size_t) {
        if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset)
            return Close();
        if (ec == bhttp::error::body_limit) {
            std::string max = std::to_string(BodyLimitOf(parser_->get().target()));
            return Fail(Problem(413, "body.too_large", "The body is larger than " + max + " bytes.", {}, {{"max", max}}));
        }
        if (ec == bhttp::error::header_limit) {
            std::string max = std::to_string(shared_.options.max_header);
            return Fail(Problem(431, "headers.too_large", "The request head is larger than " + max + " bytes.", {},
                                {{"max", max}}));
        }
        if (ec) {
            // Any other parse failure is the client's malformed request; socket errors just close.
            if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
                return Fail(Problem(400, "request.malformed", "Malformed HTTP request: " + ec.message() + "."));
            return Close();
        }
        busy_ = true;
        auto msg = parser_->release();
        Request req;
        req.method = std::string(msg.method_string());
        req.target = std::string(msg.target());
        req.remote_address = remote_;
        bool keep_alive = msg.keep_alive();
        unsigned version = msg.version();
        bool head = msg.method() == bhttp::verb::head;
        auto url = boost::urls::parse_origin_form(msg.target());
        if (!url) return Fail(Problem(400, "request.bad_target", "The request target is not a valid path."));
        req.path = url->path();
        for (auto p : url->params()) req.query.emplace(p.key, p.value);
        for (const auto& f : msg) {
            std::string name(f.name_string());
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            req.headers.emplace_back(std::move(name), std::string(f.value()));
        }
        req.body = std::move(msg.body());
        shared_.metrics.RequestStarted();
        // Handlers may block on the database: they run on the worker pool, and the response is
        // written back on this connection's strand.
        asio::post(shared_.workers, [self = shared_from_this(), req = std::move(req), keep_alive, version, head]() mutable {
            Response resp;
            try {
                resp = self->shared_.handler(req);
            } catch (...) {
                resp = ProblemFromCurrentException(req.request_id);
            }
            self->shared_.metrics.RequestFinished();
            asio::post(self->stream_.get_executor(), [self, resp = std::move(resp), keep_alive, version, head]() mutable {
                self->Write(std::move(resp), keep_alive, version, head);
            });
        });
    }

    // Answers a request the transport itself refused (limits, malformed HTTP) and closes.
    void Fail(Response r) {
        ApplySecurityHeaders(r, shared_.options.tls);
        r.SetHeader("X-Request-Id", RandomToken(12));
        shared_.metrics.RecordRequest(r.status, 0);
        busy_ = true;
        Write(std::move(r), false, 11, false);
    }

    template <class Body>
    void SetCommon(bhttp::response<Body>& res, const Response& r, bool keep_alive) {
        if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
        for (const auto& [k, v] : r.headers) res.insert(k, v);
        res.set(bhttp::field::server, "samverkan");
        res.keep_alive(keep_alive && !shared_.stopping);
    }

    void Write(Response r, bool keep_alive, unsigned version, bool head) {
        bool close = !keep_alive || shared_.stopping;
        stream_.expires_after(std::chrono::seconds(30));
        if (r.file_path) {
            bhttp::file_body::value_type file;
            beast::error_code ec;
            file.open(r.file_path->c_str(), beast::file_mode::scan, ec);
            if (!ec) {
                auto res = std::make_shared<bhttp::response<bhttp::file_body>>(bhttp::status(r.status), version);
                SetCommon(*res, r, !close);
                res->content_length(file.size());
                if (!head) res->body() = std::move(file);
                return Send(res, close || !res->keep_alive(), head);
            }
            r = Problem(404, "route.not_found", "The file is gone.");
            ApplySecurityHeaders(r, shared_.options.tls);
        }
        auto res = std::make_shared<bhttp::response<bhttp::string_body>>(bhttp::status(r.status), version);
        SetCommon(*res, r, !close);
        std::size_t length = r.body.size();
        if (!head) res->body() = std::move(r.body);
        if (r.status != 204 && r.status != 304) res->content_length(length);
        Send(res, close || !res->keep_alive(), head);
    }

    template <class Message>
    void Send(std::shared_ptr<Message> res, bool close, bool head) {
        if (head) {
            // A HEAD answer carries the headers (with the real Content-Length) and no body.
            auto sr = std::make_shared<bhttp::response_serializer<typename Message::body_type>>(*res);
            bhttp::async_write_header(stream_, *sr, [self = shared_from_this(), res, sr, close](beast::error_code ec, std::size_t) {
                if (ec || close) return self->Close();
                self->Read();
            });
            return;
        }
        bhttp::async_write(stream_, *res, [self = shared_from_this(), res, close](beast::error_code ec, std::size_t) {
            if (ec || close) return self->Close();
            self->Read();
        });
    }

    void Close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bool holding_upload_ = false;
    Shared& shared_;
    std::string remote_;
    bool busy_ = false;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(asio::io_context& ioc, tcp::endpoint ep, Shared& shared) : ioc_(ioc), acceptor_(ioc), shared_(shared) {
        acceptor_.open(ep.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(ep);
        acceptor_.listen(asio::socket_base::max_listen_connections);
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    void Accept() {
        acceptor_.async_accept(asio::make_strand(ioc_), beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
    }
    void Stop() {
        beast::error_code ec;
        acceptor_.close(ec);
    }

private:
    void OnAccept(beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || shared_.stopping) return;
        if (!ec) {
            socket.set_option(tcp::no_delay(true), ec);
            auto session = std::make_shared<Session>(std::move(socket), shared_);
            if (shared_.connections.load() > shared_.options.max_connections) {
                shared_.metrics.ConnectionRejected();
                session->Reject();
            } else {
                {
                    std::lock_guard lock(shared_.mu);
                    if (++accepted_ % 256 == 0) std::erase_if(shared_.sessions, [](auto& w) { return w.expired(); });
                    shared_.sessions.insert(session);
                }
                session->Start();
            }
        }
        Accept();
    }

    asio::io_context& ioc_;
    tcp::acceptor acceptor_;
    std::uint64_t accepted_ = 0;
    Shared& shared_;
};

}  // namespace

void RunServer(const ServerOptions& options, RequestHandler handler, Metrics& metrics,
               std::function<void(unsigned short)> on_listening) {
    Shared shared(options, std::move(handler), metrics);
    asio::io_context ioc(options.io_threads);
    auto address = asio::ip::make_address(options.bind);
    auto listener = std::make_shared<Listener>(ioc, tcp::endpoint(address, static_cast<unsigned short>(options.port)), shared);
    listener->Accept();
    on_listening(listener->port());

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    asio::steady_timer drain(ioc);
    auto deadline = std::chrono::steady_clock::now();
    std::function<void()> wait_drained = [&] {
        if (shared.connections.load() == 0 || std::chrono::steady_clock::now() > deadline) {
            if (shared.connections.load() > 0) spdlog::warn("shutdown: {} connection(s) still open at the deadline", shared.connections.load());
            ioc.stop();
            return;
        }
        drain.expires_after(std::chrono::milliseconds(20));
        drain.async_wait([&](beast::error_code) { wait_drained(); });
    };
    signals.async_wait([&](beast::error_code ec, int sig) {
        if (ec) return;
        spdlog::info("signal {}: finishing requests in flight, then stopping", sig);
        shared.stopping = true;
        deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
        listener->Stop();
        std::lock_guard lock(shared.mu);
        for (auto& w : shared.sessions)
            if (auto s = w.lock()) s->Shutdown();
        wait_drained();
    });

    std::vector<std::thread> threads;
    for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    shared.workers.join();
}

}  // namespace samverkan::http
