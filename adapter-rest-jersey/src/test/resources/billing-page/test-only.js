console.log('test stand-in');
