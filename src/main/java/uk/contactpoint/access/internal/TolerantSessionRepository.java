package uk.contactpoint.access.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.Session;

import uk.contactpoint.access.DatabaseUnavailable;

/**
 * The session store, except that saving a session when the database cannot take writes (read-only, full,
 * unreachable) is given up instead of failing the request (ADR 47). Every request saves its session when its
 * answer starts (at least the last access time), so without this a read-only database would turn even the
 * pages without child data into errors, and a database lost mid-answer would cut the answer off. What is lost is
 * at most a touch (the session may expire a little early) or a change that the request's own database work, which
 * failed first, could not have kept anyway. Deleting a session (sign-out, suspension) still fails loudly: a session
 * that should have ended must never stay alive quietly.
 */
@SuppressWarnings({"unchecked", "rawtypes"}) // the JDBC session type is private to Spring Session
final class TolerantSessionRepository implements FindByIndexNameSessionRepository<Session> {

    private static final Logger log = LoggerFactory.getLogger(TolerantSessionRepository.class);

    private final FindByIndexNameSessionRepository delegate;

    TolerantSessionRepository(JdbcIndexedSessionRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public Session createSession() {
        return (Session) delegate.createSession();
    }

    @Override
    public void save(Session session) {
        try {
            delegate.save(session);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            log.warn("Session not saved: the database is unavailable ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public Session findById(String id) {
        return (Session) delegate.findById(id);
    }

    @Override
    public void deleteById(String id) {
        delegate.deleteById(id);
    }

    @Override
    public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        return delegate.findByIndexNameAndIndexValue(indexName, indexValue);
    }

    /** Puts the tolerant store in place of Spring Boot's JDBC session repository bean. */
    @Configuration(proxyBeanMethods = false)
    static class Wrapping {

        @Bean
        static BeanPostProcessor tolerantSessionRepository() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof JdbcIndexedSessionRepository jdbc ? new TolerantSessionRepository(jdbc) : bean;
                }
            };
        }
    }
}
