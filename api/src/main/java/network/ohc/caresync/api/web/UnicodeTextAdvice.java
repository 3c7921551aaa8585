package network.ohc.caresync.api.web;

import network.ohc.caresync.application.json.StorableText;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverRejected;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.Type;
import java.util.List;

/** Every JSON body, whatever endpoint reads it: a string or key that cannot be stored is a 400 naming its field. */
@ControllerAdvice
public class UnicodeTextAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        String field = StorableText.firstUnstorable(body, "");
        if (field != null) {
            throw HandOverRejected.invalid(List.of(new FieldError(field, StorableText.PROBLEM)));
        }
        return body;
    }
}
